/* Schakel: the little behaviour htmx does not give. No inline script anywhere (strict CSP).
 *
 * 1. Dialogs. A link with hx-target pointing at a <dialog class="dialoog-venster"> loads its
 *    form into that dialog, which then opens as a modal: focus moves to the error summary or the
 *    first field; Escape (native) or a [data-dialoog-sluiten] link closes it, and focus returns
 *    to the link that opened it. A form swapped inside an open dialog (an invalid submit) keeps
 *    focus in the dialog. Without JavaScript the link opens the same form as a page.
 * 2. Tables: on phones they show as stacked cards (schakel.css); each cell gets its column's name
 *    as data-label. A .tabel-scroll region that really scrolls sideways becomes reachable by
 *    keyboard (tabindex=0, role=region, named after its table's caption); one that fits does not
 *    get a useless tab stop.
 * 3. Focus after a swap: when the swap removed the focused element (a row's form replaced by its
 *    saved version), focus goes to the same control in the new content, so a keyboard user stays
 *    in place; the new content's role=status says what happened.
 * 4. Loading feedback: while an htmx request runs, #laden says so (role=status) and the element
 *    that made the request gets aria-busy.
 */
(function () {
  "use strict";

  var opener = null;
  var VELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), " +
    "textarea:not([disabled]), button:not([disabled]), a[href]";

  function dialoogVan(doel) {
    if (!doel) { return null; }
    // An outerHTML swap replaced the target: find its successor by id.
    if (!doel.isConnected && doel.id) { doel = document.getElementById(doel.id); }
    if (!doel || !doel.closest) { return null; }
    return doel.closest("dialog.dialoog-venster");
  }

  function zetFocus(dialoog) {
    var form = dialoog.querySelector("form");
    var doel = dialoog.querySelector(".foutsamenvatting") ||
      (form && form.querySelector(VELD)) || dialoog.querySelector(VELD);
    if (doel) { doel.focus(); }
  }

  document.addEventListener("htmx:beforeRequest", function (e) {
    var doel = e.detail.target;
    if (doel && doel.tagName === "DIALOG" && !doel.open) { opener = e.detail.elt; }
  });

  document.addEventListener("htmx:afterSettle", function (e) {
    var dialoog = dialoogVan(e.detail.target);
    if (!dialoog) {
      herstelFocus(e.detail.target);
      return;
    }
    if (!dialoog.firstElementChild) { return; }
    if (!dialoog.open) { dialoog.showModal(); }
    zetFocus(dialoog);
  });

  // Only when focus was inside what is being replaced (not for panels loading on their own).
  document.addEventListener("htmx:beforeSwap", function (e) {
    var doel = e.detail.target, actief = document.activeElement;
    if (doel) { doel.schakelHadFocus = !!actief && actief !== document.body && doel.contains(actief); }
  });

  function herstelFocus(doel) {
    var weg = !document.activeElement || document.activeElement === document.body;
    if (!weg || !doel || !doel.schakelHadFocus) { return; }
    if (!doel.isConnected && doel.id) { doel = document.getElementById(doel.id); }
    if (!doel || !doel.querySelector) { return; }
    var nieuw = doel.querySelector("[autofocus]") ||
      doel.querySelector("button[type=submit], input[type=submit]") || doel.querySelector(VELD);
    if (nieuw) { nieuw.focus(); }
  }

  document.addEventListener("click", function (e) {
    var sluiten = e.target.closest && e.target.closest("[data-dialoog-sluiten]");
    var dialoog = sluiten && sluiten.closest("dialog");
    if (dialoog && dialoog.open) {
      e.preventDefault();
      dialoog.close();
    }
  });

  // "close" does not bubble: listen in the capture phase.
  document.addEventListener("close", function (e) {
    var dialoog = e.target;
    if (!dialoog.classList || !dialoog.classList.contains("dialoog-venster")) { return; }
    dialoog.replaceChildren();
    if (opener && opener.isConnected) { opener.focus(); }
    opener = null;
  }, true);

  var bezig = 0;
  function laden(aan, elt) {
    var indicator = document.getElementById("laden");
    bezig = Math.max(0, bezig + (aan ? 1 : -1));
    if (elt && elt.setAttribute) {
      if (aan) { elt.setAttribute("aria-busy", "true"); } else { elt.removeAttribute("aria-busy"); }
    }
    if (indicator) {
      indicator.textContent = bezig ? indicator.getAttribute("data-tekst") : "";
    }
  }
  document.addEventListener("htmx:beforeRequest", function (e) { laden(true, e.detail.elt); });
  document.addEventListener("htmx:afterRequest", function (e) { laden(false, e.detail.elt); });

  function kolomnamen(wortel) {
    wortel.querySelectorAll("table").forEach(function (tabel) {
      var koppen = tabel.querySelectorAll("thead tr:last-child th");
      if (!koppen.length) { return; }
      tabel.querySelectorAll("tbody tr, tfoot tr").forEach(function (rij) {
        var kolom = 0;
        Array.prototype.forEach.call(rij.children, function (cel) {
          var kop = koppen[kolom];
          if (kop && !cel.hasAttribute("data-label") && cel.colSpan === 1) {
            var naam = kop.textContent.trim();
            if (naam) { cel.setAttribute("data-label", naam); }
          }
          kolom += cel.colSpan || 1;
        });
      });
    });
  }

  function scrollgebieden() {
    document.querySelectorAll(".tabel-scroll").forEach(function (gebied) {
      if (gebied.scrollWidth > gebied.clientWidth + 1) {
        var bijschrift = gebied.querySelector("caption");
        gebied.setAttribute("tabindex", "0");
        gebied.setAttribute("role", "region");
        gebied.setAttribute("aria-label", (bijschrift && bijschrift.textContent.trim()) ||
          gebied.getAttribute("data-naam") || "Tabel");
      } else if (gebied.getAttribute("role") === "region") {
        gebied.removeAttribute("tabindex");
        gebied.removeAttribute("role");
        gebied.removeAttribute("aria-label");
      }
    });
  }

  function bijwerken(wortel) {
    kolomnamen(wortel);
    scrollgebieden();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { bijwerken(document); });
  } else {
    bijwerken(document);
  }
  document.addEventListener("htmx:afterSettle", function () { bijwerken(document); });
  window.addEventListener("resize", scrollgebieden);

  // A "copy" button (hidden without JavaScript): copies the value of the field it names.
  document.querySelectorAll("[data-kopieer]").forEach(function (knop) { knop.hidden = false; });
  document.addEventListener("click", function (e) {
    var knop = e.target.closest && e.target.closest("[data-kopieer]");
    if (!knop) { return; }
    var veld = document.getElementById(knop.getAttribute("data-kopieer"));
    var status = document.getElementById(knop.getAttribute("data-kopieer") + "-status");
    veld.select();
    var klaar = function () { if (status) { status.textContent = knop.getAttribute("data-gekopieerd"); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(veld.value).then(klaar, function () { veld.select(); });
    } else {
      veld.select();
      if (document.execCommand && document.execCommand("copy")) { klaar(); }
    }
  });
}());
