"""The form engine: specs (`spec`), converters (`validators`), attachments and `engine.validate`.

No Textual here: the TUI, the CLI importers and the tests all use the same engine. Import the
submodules (`ecuapass_tui.forms.engine`, ...); this package imports nothing on its own.
"""
