"""The form engine: what a spec holds (`fields`), its loading and checking (`spec`), the
converters per type (`values` for text, `numbers`, `dates`, and `validators`, which holds the
choices and identity types and picks the converter), attachments, and `engine.validate`.

No Textual here: the TUI, the CLI importers and the tests all use the same engine. Import the
submodules (`ecuapass_tui.forms.engine`, ...); this package imports nothing on its own.
"""
