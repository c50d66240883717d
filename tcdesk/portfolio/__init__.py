"""Programmes, projects, activities, training events and results; IATI export and import."""
