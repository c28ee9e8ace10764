"""Tender models arrive with the tenders issue; the app exists so the layout shows the design."""
