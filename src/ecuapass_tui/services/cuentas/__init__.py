"""Accounts: login, registration, recovery, the yearly data update, approvals, employee
permissions, security codes and signing the convenio."""
