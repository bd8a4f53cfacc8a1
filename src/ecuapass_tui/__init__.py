"""ecuapass-tui: SENAE's Ecuapass portal and its Mesa de Servicios in the terminal."""

__version__ = "0.1.0"
