"""Screens: one module per Ecuapass screen or flow. They draw and call services via workers."""
