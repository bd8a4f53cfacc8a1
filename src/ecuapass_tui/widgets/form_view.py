"""The form widget moved to `widgets/form/` (one module per control); this name stays until
every import uses the package."""

from ecuapass_tui.widgets.form import *  # noqa: F403
from ecuapass_tui.widgets.form import __all__  # noqa: F401
