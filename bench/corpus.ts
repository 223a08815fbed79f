/**
 * Deterministic generator of realistic training text for the benchmarks: English prose, Chinese,
 * German, code, JSON and emoji, mixed the way support-bot transcripts mix them. Seeded, so every
 * run measures the same bytes.
 */
import { seededRandom } from '../src/data/random.ts';

export { seededRandom };

const english =
  'the order account refund shipping delivery customer invoice payment card address warehouse package tracking number support agent request policy return exchange product warranty update status schedule billing subscription plan upgrade downgrade cancel renew receipt discount coupon balance statement transfer confirm verify issue problem resolve escalate ticket priority urgent today tomorrow week month please thank you could would should will can may might because however therefore meanwhile although quickly carefully exactly probably usually'.split(
    ' ',
  );
const chinese =
  '您好 订单 退款 发货 物流 客户 发票 付款 地址 仓库 包裹 跟踪 号码 客服 请求 政策 退货 换货 产品 保修 更新 状态 谢谢 请稍等 我们 已经 正在 处理 您的 问题'.split(
    ' ',
  );
const german =
  'Bestellung Rückerstattung Lieferung Kunde Rechnung Zahlung Adresse Lager Paket Sendungsnummer bitte danke können würden Überweisung bestätigen Größe für über schön'.split(
    ' ',
  );
const emoji = ['🙂', '📦', '🚚', '✅', '❌', '💳', '🎉', '👍', '🇩🇪', '👩‍💻'];
const codeLines = [
  'const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0);',
  'if (order.status === "shipped") { notify(order.customerId, order.trackingNumber); }',
  'SELECT id, status, updated_at FROM orders WHERE customer_id = $1 ORDER BY updated_at DESC;',
  'def refund(order_id: str, amount_cents: int) -> Refund:\n    return api.refunds.create(order=order_id, amount=amount_cents)',
  'curl -X POST https://api.example.com/v1/refunds -H "Content-Type: application/json"',
];

const syllables =
  'ka lo mi ne ru sa to vi ze pa qu ex ion ment ter ing ble der con pro sta tri ver men tal cor por ate gra phy log ic ism ist ful ness ward wise'.split(
    ' ',
  );

/** A Zipf-like vocabulary of invented words, so tokenizer caches see realistic variety. */
function buildVocabulary(random: () => number, size: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    const length = 2 + Math.floor(random() * 4);
    let word = '';
    for (let s = 0; s < length; s++) word += syllables[Math.floor(random() * syllables.length)];
    words.push(word);
  }
  return words;
}
const vocabulary = buildVocabulary(seededRandom(1), 60_000);

/** Zipf-like draw: low ranks are common, the long tail is rare but present. */
function zipfWord(random: () => number): string {
  return vocabulary[Math.floor(vocabulary.length ** random()) - 1] as string;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** A sentence of `words` English words with punctuation and the odd number. */
export function englishSentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let word = random() < 0.5 ? pick(random, english) : zipfWord(random);
    if (i === 0) word = word[0]?.toUpperCase() + word.slice(1);
    if (random() < 0.05) word = String(Math.floor(random() * 100000));
    out.push(word);
  }
  return `${out.join(' ')}${random() < 0.2 ? '?' : '.'}`;
}

/** A paragraph mixing languages, code and emoji in realistic proportions. */
export function mixedParagraph(random: () => number, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const roll = random();
    if (roll < 0.7) parts.push(englishSentence(random, 6 + Math.floor(random() * 18)));
    else if (roll < 0.82) {
      const n = 4 + Math.floor(random() * 12);
      parts.push(`${Array.from({ length: n }, () => pick(random, chinese)).join('')}。`);
    } else if (roll < 0.9) {
      const n = 4 + Math.floor(random() * 10);
      parts.push(`${Array.from({ length: n }, () => pick(random, german)).join(' ')}.`);
    } else if (roll < 0.96) parts.push(`\n\`\`\`\n${pick(random, codeLines)}\n\`\`\`\n`);
    else parts.push(pick(random, emoji));
  }
  return parts.join(' ');
}
