/** A random id; crypto.randomUUID is missing on plain-http pages of some phone browsers. */
export const uuid = () =>
  crypto.randomUUID
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;

/** One device token per browser: one response per device and survey for anonymous respondents. */
export function deviceToken(): string {
  let d = localStorage.getItem('zc_device');
  if (!d) {
    d = uuid();
    localStorage.setItem('zc_device', d);
  }
  return d;
}

/**
 * The Idempotency-Key of an answer to a survey: kept until the answer is acknowledged, so a retry after a lost
 * acknowledgement reuses it and gets the first receipt back.
 */
export const idempotencyKeys = {
  take(surveyId: string): string {
    const name = `zc_idem_${surveyId}`;
    const key = sessionStorage.getItem(name) ?? uuid();
    sessionStorage.setItem(name, key);
    return key;
  },
  forget(surveyId: string): void {
    sessionStorage.removeItem(`zc_idem_${surveyId}`);
  },
};
