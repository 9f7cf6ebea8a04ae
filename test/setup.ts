// Global mocha setup: nothing global yet; helpers start their own database per suite.
