//! Test harness: starts the real server against a fresh database.
