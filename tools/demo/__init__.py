"""The demo world (`make run`): organisations, hubs, pages, subsidies and tenders."""
