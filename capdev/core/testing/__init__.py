"""What the tests of every app share: the browser tests' plugin and page helpers, and the base test classes that
let a model's list, detail, API and export tests declare only their data (docs/development.md, "Testing a
model")."""
