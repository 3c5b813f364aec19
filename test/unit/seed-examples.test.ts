// Every literal example response in the original API pages (../shared/seeds) parses and maps.
import * as assert from 'node:assert/strict';
import { decodeMessagePage, decodeThread, decodeThreadPage } from '../../src/providers/agentsend/mapping';
import { decodeThreads as decodeCattixThreads } from '../../src/providers/cattix/mapping';
import { ASSISTANT_TYPES } from '../../src/providers/cattix/schema';
import { decodeThread as decodeSiteGptThread } from '../../src/providers/sitegpt/mapping';
import { decodeCustomer } from '../../src/providers/thred/mapping';
import { THRED_PLATFORMS, thredErrorMessage } from '../../src/providers/thred/schema';
import { THREAD_PRIORITIES, THREAD_STATUSES, THREAD_TYPES } from '../../src/providers/tybrite/schema';
import type { Message } from '../../src/domain/model';
import { jsonExamples, seedText } from './support/seeds';

const context = (service: string) => ({ service, headers: {} });

describe('the seed pages’ example responses', () => {
  it('Thred: the processing and completed customers map, and the error bodies yield their messages', () => {
    const examples = jsonExamples(seedText('000'));
    assert.equal(examples.length, 6, 'two customers and four error bodies');
    const processing = decodeCustomer(examples[0], context('Thred'));
    assert.equal(processing.thread.state, 'processing');
    assert.equal(processing.thread.progress?.percent, 25);
    assert.equal(processing.thread.title, 'Sarah Johnson');
    const completed = decodeCustomer(examples[1], context('Thred'));
    assert.equal(completed.thread.state, 'done');
    assert.equal(completed.thread.threadId, '<customerId>', 'the id comes from the share link');
    assert.deepEqual(
      completed.messages.map((item) => (item as Message).author.role),
      ['customer', 'bot'],
    );
    const insights = completed.thread.cards.find((card) => card.id === 'insights');
    assert.ok(insights?.kind === 'lists');
    assert.deepEqual(insights.lists.find((list) => list.title === 'Products discussed')?.items, ['Starter', 'Pro']);
    assert.deepEqual(insights.lists.find((list) => list.title === 'Suggestions')?.items, ['Prioritize ROI proof points']);
    assert.deepEqual(
      examples.slice(2).map(thredErrorMessage),
      ['Email query parameter is required', 'Invalid email format', 'Customer not found with this email', 'No chat data found for this customer'],
    );
  });

  it('Cattix: the thread list maps, with its Ads customer and Business Profile location', () => {
    const examples = jsonExamples(seedText('001'));
    assert.equal(examples.length, 1);
    const { threads, unreadable } = decodeCattixThreads('7')(examples[0], context('Cattix'));
    assert.equal(unreadable, 0);
    assert.equal(threads.length, 1);
    const thread = threads[0]!;
    const details = thread.cards.find((card) => card.id === 'details');
    assert.ok(details?.kind === 'facts');
    const row = (label: string) => details.rows.find((entry) => entry.label === label)?.value;
    assert.equal(row('Completion'), 'Completed');
    assert.equal(row('Assistant'), 'onboarding');
    assert.match(row('Google Ads customer') ?? '', /#123/);
    assert.ok(row('Business Profile location') !== undefined);
    assert.match(thread.messagesUnavailable ?? '', /no API/);
    assert.ok(seedText('001').includes(ASSISTANT_TYPES.join(',\n')), 'assistant types as the page lists them');
  });

  it('SiteGPT: the thread maps each question/answer pair to the visitor, the bot and the human agent', () => {
    const examples = jsonExamples(seedText('002'));
    assert.equal(examples.length, 2);
    for (const example of examples) {
      const { thread, messages } = decodeSiteGptThread('365062873485935184')(example, context('SiteGPT'));
      assert.equal(thread.threadId, '06b3b43c-5651-49a2-b618-d7f24667c1b6');
      const roles = messages.map((item) => (item as Message).author.role);
      assert.deepEqual(roles, ['customer', 'bot', 'customer', 'agent']);
      const answer = messages[1] as Message;
      assert.equal(answer.model, 'gpt-3.5-turbo');
      assert.equal(answer.reaction, 'NEUTRAL');
      assert.equal(answer.body.kind, 'markdown');
    }
  });

  it('Tybrite: the page has no example body; its enums are the ones Threadline filters by', () => {
    const text = seedText('003');
    assert.equal(jsonExamples(text).length, 0);
    assert.ok(text.includes(THREAD_TYPES.join(', ')), 'thread types');
    assert.ok(text.includes(THREAD_STATUSES.slice().sort(byPageOrder(text)).join(', ')), 'statuses');
    assert.ok(text.includes(THREAD_PRIORITIES.join(', ')), 'priorities');
  });

  it('AgentSend: the thread list, the thread and the message list map', () => {
    const examples = jsonExamples(seedText('004'));
    assert.equal(examples.length, 3);
    const threads = decodeThreadPage(0, 20, 'inbox_01hx4z2k9m3p7qr8st5uvwxy')(examples[0], context('AgentSend'));
    assert.equal(threads.items.length, 2);
    assert.equal(threads.total, 2);
    assert.equal(threads.next, undefined);
    assert.equal(threads.items[0]?.title, 'Re: Your order has shipped');
    const thread = decodeThread(examples[1], context('AgentSend'));
    assert.equal(thread.messageCount, 4);
    const messages = decodeMessagePage(0, 20)(examples[2], context('AgentSend'));
    assert.deepEqual(
      messages.items.map((item) => (item as Message).author.role),
      ['agent', 'customer'],
    );
    assert.equal(messages.next, '2', 'total 4 with 2 shown: the next page starts at 2');
  });

  it('the Thred platforms are the ones its validation error lists', () => {
    assert.deepEqual([...THRED_PLATFORMS], ['chatgpt', 'gemini', 'pplx', 'claude']);
  });
});

/** Orders values as they first appear in the page. */
function byPageOrder(text: string) {
  return (a: string, b: string) => text.indexOf(a) - text.indexOf(b);
}
