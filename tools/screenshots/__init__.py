"""Screenshots of each role's journey for the README: a throwaway demo (SQLite) served on a free
port, driven by headless Chromium in Chinese at desktop and phone width (`make screenshots`)."""
