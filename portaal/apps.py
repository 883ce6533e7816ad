from django.apps import AppConfig


class PortaalConfig(AppConfig):
    """The kandidaat's own page: route, appointments, contact, own profile, consent (issue 18)."""

    name = "portaal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import sessie

        # A professional who logs in on a shared computer ends a kandidaat's session there.
        user_logged_in.connect(sessie.na_inloggen_professional, dispatch_uid="portaal_sessie")
