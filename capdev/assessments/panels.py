"""The sections assessments add to other apps' pages (filled in below)."""
