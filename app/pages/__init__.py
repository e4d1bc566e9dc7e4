"""Public pages every public body needs: accessibility statement with feedback, Leichte Sprache, privacy notice."""
