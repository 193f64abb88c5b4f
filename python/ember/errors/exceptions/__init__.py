"""Exception classes of :mod:`ember.errors`."""
