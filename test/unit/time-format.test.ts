// Times that read right (issue 14): within a few hours a time is relative to now, further away it
// shows its date; a wait the service asks for says when it ends, with the day when that is not
// soon and today. Relative wording comes from Intl.RelativeTimeFormat, dates from the locale.
// `now`, the locale and the time zone are fixed here; in Threadline they are the user's.
import * as assert from 'node:assert/strict';
import { NEAR_MS, absoluteTime, dateAndTime, relativeTime, waitUntil } from '../../src/domain/format';
import { RateLimitedError } from '../../src/http/errors';
import { clockTime, dayLabel } from '../../src/webview/format';

const NOW = Date.parse('2026-12-03T12:00:00Z'); // a Thursday
const GB = { locale: 'en-GB', timeZone: 'UTC' };
const US = { locale: 'en-US', timeZone: 'UTC' };
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('times that read right', () => {
  it('a time within a few hours reads relative to now, in minutes or hours', () => {
    assert.equal(relativeTime(iso(NOW - 20_000), NOW, GB), 'now');
    assert.equal(relativeTime(iso(NOW - 5 * 60_000), NOW, GB), '5 minutes ago');
    assert.equal(relativeTime(iso(NOW - 3 * HOUR), NOW, GB), '3 hours ago');
    assert.equal(relativeTime(iso(NOW + 2 * HOUR), NOW, GB), 'in 2 hours');
  });

  it('a time more than a few hours away shows its date and time, with the year only when it differs', () => {
    assert.equal(relativeTime(iso(NOW - NEAR_MS - 60_000), NOW, GB), 'Thu 3 Dec, 05:59');
    assert.equal(relativeTime('2026-12-01T09:30:00Z', NOW, GB), 'Tue 1 Dec, 09:30');
    assert.equal(relativeTime('2025-11-28T09:30:00Z', NOW, GB), 'Fri, 28 Nov 2025, 09:30');
    assert.equal(relativeTime('2026-12-01T09:30:00Z', NOW, US), 'Tue, Dec 1, 09:30 AM');
  });

  it('absolute times are in full, in the locale and time zone given', () => {
    assert.equal(absoluteTime('2026-12-04T12:00:00Z', GB), 'Fri, 4 Dec 2026, 12:00');
    assert.equal(absoluteTime('2026-12-04T12:00:00Z', { locale: 'de-DE', timeZone: 'Europe/Berlin' }), 'Fr., 4. Dez. 2026, 13:00');
    assert.equal(absoluteTime('not a time', GB), undefined);
    assert.equal(relativeTime(undefined, NOW, GB), undefined);
  });

  it('a wait of a day says the day it ends; a short one says the time and how long', () => {
    assert.equal(waitUntil(NOW + 24 * HOUR, NOW, GB), 'until Fri 4 Dec, 12:00');
    assert.equal(waitUntil(NOW + 20 * 60_000, NOW, GB), 'until 12:20 (in 20 minutes)');
    assert.equal(waitUntil(NOW + 30_000, NOW, GB), 'until 12:00:30 (in 30 seconds)');
    // Near, but past midnight: the day is named.
    assert.equal(waitUntil(Date.parse('2026-12-03T23:30:00Z') + 2 * HOUR, Date.parse('2026-12-03T23:30:00Z'), GB), 'until Fri 4 Dec, 01:30');
    assert.equal(dateAndTime(NOW + 24 * HOUR, NOW, US), 'Fri, Dec 4, 12:00 PM');
  });

  it('a rate-limit error asking for a day names the date the wait ends (in the user’s locale)', () => {
    const error = new RateLimitedError({ service: 'AgentSend', status: 429, until: new Date(NOW + 24 * HOUR), at: NOW });
    const day = new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(NOW + 24 * HOUR);
    assert.equal(error.message, `AgentSend is limiting requests (429) until ${dateAndTime(NOW + 24 * HOUR, NOW)}`);
    assert.ok(error.message.includes(day), `${error.message} names ${day}`);
    const soon = new RateLimitedError({ service: 'AgentSend', status: 429, until: new Date(NOW + 90_000), at: NOW });
    assert.match(soon.message, /until .+ \(in 2 minutes\)$/);
  });
});

describe('the thread page’s clock times and day headings', () => {
  it('read as the locale’s own time and date strings do, call after call (formatters made once)', () => {
    for (const at of ['2026-12-03T09:05:00Z', '2026-06-30T23:59:00Z', '2025-01-01T00:00:00Z']) {
      for (let call = 0; call < 2; call++) {
        assert.equal(clockTime(at), new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
        assert.equal(dayLabel(at, new Date('2027-03-01T12:00:00Z')), new Date(at).toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
      }
    }
    assert.equal(clockTime('not a time'), undefined);
    assert.equal(dayLabel(undefined), 'Undated');
  });
});
