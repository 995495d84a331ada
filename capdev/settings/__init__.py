"""Capdev settings: base (shared), development (SQLite default), production, test."""
