"""The full-screen face (Textual). Only this package imports Textual; see launch.py for the way in."""
