/** A base URL on the reserved `.test` TLD: msw answers it; it can never reach a real host. */
export const BASE_URL = 'https://api.tunekit.test/v1';

/** A key that looks real enough for redaction (which ignores very short strings). */
export const TEST_KEY = 'sk-test-0123456789abcdefSECRET';
