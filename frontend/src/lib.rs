//! The Verbund web app for the provider's staff.
