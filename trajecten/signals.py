"""Announced after commit by trajecten/services.py, so that other apps (financing claims,
reminders, notifications) react to a state change without the trajecten app knowing them."""

from django.dispatch import Signal

# kwargs: deelname_id, van, naar, ongedaan (True when the step undoes the previous one),
# door_id (who made it; None for the system)
deelname_overgegaan = Signal()
# kwargs: traject_id, van, naar
traject_overgegaan = Signal()
# kwargs: deelname_id, vca_behaald_op, vakopleiding_afgerond_op (the dates newly recorded)
deelname_resultaat_vastgelegd = Signal()
