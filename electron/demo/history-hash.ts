/**
 * The bulk loader hashes with the services' own function (services/history.ts), which already writes the
 * hashed text out field by field; demo.test.ts checks the loaded chain with history/verify.
 */
export { GENESIS_HASH, historyHash, type HashedFields } from '../core/services/history';
