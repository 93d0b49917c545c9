import { describe, it } from 'node:test';
import { expect } from 'expect';
import { cannedQuery, fillVariables, rankCanned } from '../../web/console/canned/canned-text';

describe('canned responses in the console: variables', () => {
  const values = {
    'visitor.name': 'Vera',
    'visitor.email': 'vera@example.com',
    'agent.name': 'Ann',
    'project.name': 'Shop',
  };

  it('fills each known variable, with spaces inside the braces or not', () => {
    expect(
      fillVariables(
        'Hi {{visitor.name}} ({{ visitor.email }}), {{agent.name}} from {{project.name}}.',
        values,
      ),
    ).toBe('Hi Vera (vera@example.com), Ann from Shop.');
  });

  it('uses the fallback when the value is unknown or blank, and nothing without one', () => {
    const unknown = { 'visitor.name': null, 'visitor.email': '  ', 'agent.name': 'Ann' };
    expect(fillVariables('Hi {{visitor.name | there}}!', unknown)).toBe('Hi there!');
    expect(fillVariables('Hi {{ visitor.name|there friend }}!', unknown)).toBe('Hi there friend!');
    expect(fillVariables('Mail: {{visitor.email}}.', unknown)).toBe('Mail: .');
    expect(fillVariables('Hi {{visitor.name | there}}!', values)).toBe('Hi Vera!');
  });

  it('leaves unknown names and broken braces as written', () => {
    expect(fillVariables('{{visitor.phone}} {{visitor.name', values)).toBe(
      '{{visitor.phone}} {{visitor.name',
    );
    expect(fillVariables('{visitor.name}', values)).toBe('{visitor.name}');
  });

  it('does not read a value as a pattern ($& and friends stay literal)', () => {
    expect(fillVariables('Hi {{visitor.name}}', { 'visitor.name': '$& $1' })).toBe('Hi $& $1');
  });
});

describe('canned responses in the console: ranking', () => {
  const item = (shortcut: string, title: string | null, body: string) => ({
    id: shortcut,
    shortcut,
    title,
    body,
  });
  const items = [
    item('refund', 'Refund sent', 'Your refund is on its way.'),
    item('ref', null, 'See our reference docs.'),
    item('hello', 'Greeting', 'Hi {{visitor.name | there}}, how can I help?'),
    item('shipping', 'Delivery times', 'Orders ship within two days; refunds take a week.'),
    item('bye', 'Closing', 'Thanks for reaching out!'),
  ];
  const ranked = (q: string) => rankCanned(items, q).map((i) => i.shortcut);

  it('puts shortcut prefixes first (shortest first), then title words, then body words', () => {
    expect(ranked('ref')).toEqual(['ref', 'refund', 'shipping']);
    expect(ranked('deliv')).toEqual(['shipping']);
    expect(ranked('thanks')).toEqual(['bye']);
    expect(ranked('help')).toEqual(['hello']);
  });

  it('needs every word of the query and is case-blind', () => {
    expect(ranked('Orders WEEK')).toEqual(['shipping']);
    expect(ranked('orders hello')).toEqual([]);
  });

  it('lists everything by shortcut for an empty query, up to the limit', () => {
    expect(ranked('')).toEqual(['bye', 'hello', 'ref', 'refund', 'shipping']);
    expect(rankCanned(items, '', 2).map((i) => i.shortcut)).toEqual(['bye', 'hello']);
  });

  it('opens only on a "/" at the start of a one-line reply', () => {
    expect(cannedQuery('/ref')).toBe('ref');
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('see /ref')).toBeNull();
    expect(cannedQuery('/ref\nmore')).toBeNull();
  });
});
