package app

import (
	"time"

	"ogpp/internal/account"
	"ogpp/internal/store"
)

// Accounts builds the account service over db with the default password
// parameters and timeouts.
func Accounts(db *store.DB) (*account.Service, error) {
	h, err := account.NewHasher(account.DefaultParams(), 0)
	if err != nil {
		return nil, err
	}
	return account.NewService(db, h, time.Now, account.DefaultConfig())
}
