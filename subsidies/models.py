"""Subsidy models arrive with the subsidies issue; the app exists so the layout shows the design."""
