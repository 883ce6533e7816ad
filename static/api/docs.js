// Starts Swagger UI for /api/v1/docs/: a file of our own, since the CSP allows no inline script.
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: el.dataset.schema,
    domNode: el,
    deepLinking: true,
    // Same-origin calls with the session cookie and the CSRF token of the browser.
    requestInterceptor: function (req) {
      var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
      if (m) { req.headers["X-CSRFToken"] = decodeURIComponent(m[1]); }
      return req;
    },
  });
})();
