"""The bottom of the house: what forms, store and services all need (the clock and the
America/Guayaquil zone, text cleaning and fold(), identity numbers, numbers as typed, shipped
resources, roles, the menu registry). It imports nothing else of ours and nothing of Textual."""
