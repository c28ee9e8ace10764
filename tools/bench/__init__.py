"""The city-scale benchmark behind ``make bench``: a bulk data builder (``data``,
``data_apps``) and the in-process measurement of the pages that matter (``measure``).

Like ``incubator/urls.py``, the bench is site-level: it is the one part of ``incubator`` that
reaches into ``tenders``, ``subsidies`` and ``cms``, because it measures the whole site."""
