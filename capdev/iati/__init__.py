"""IATI 2.03: activity XML export, ruleset validation and streamed, safe import."""
