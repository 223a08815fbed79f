/**
 * A realistic, low-repetition chat dataset for the validator benchmark: text in many languages
 * and scripts (English, Chinese, Japanese, Korean, Russian, Arabic, Hindi, German, French,
 * Spanish), code in several languages, emoji with modifiers and joiners, strings that look like
 * special tokens without being ones, and examples from a few hundred bytes to tens of KB. Half of
 * the examples have a system prompt of their own (no two alike), a quarter share one of a few long
 * prompts, a quarter have none: a memo of whole strings helps little here, unlike on
 * `dataset.ts`'s repetitive corpus. Seeded and streamed: any size, same bytes for a seed.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from './corpus.ts';

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;
const int = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

/** Words from syllables: a vocabulary of `size` words per language, drawn Zipf-like. */
function vocabulary(
  random: Random,
  syllables: readonly string[],
  size: number,
  join = '',
): string[] {
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    const parts: string[] = [];
    for (let s = int(random, 1, 4); s > 0; s--) parts.push(pick(random, syllables));
    words.push(parts.join(join));
  }
  return words;
}

const zipf = (random: Random, words: readonly string[]) =>
  words[Math.floor(words.length ** random()) - 1] as string;

const ENGLISH_COMMON =
  'the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(
    ' ',
  );
const LATIN_SYLLABLES =
  'ka lo mi ne ru sa to vi ze pa qu ex ion ment ter ing ble der con pro sta tri ver men tal cor por ate gra phy log ic ism ist ful ness ward wise ar en is ol um ab ef ic ot up'.split(
    ' ',
  );
const GERMAN_SYLLABLES =
  'ung keit schaft lich ge be ver zer über für größ schön tür bäck wört ein zwei straße'.split(' ');
const FRENCH_SYLLABLES =
  'é è ê ça tion ment eur euse ais oi ou ille ré dé pré où là déjà être'.split(' ');
const SPANISH_SYLLABLES = 'ñ ción mente ado ida ero ía ás és ón ú qué pue rr ll ch'.split(' ');
const CYRILLIC_SYLLABLES =
  'при вет мо ло ко за каз до став ка ку пи ть ска жи те по жа луй ста ние ость'.split(' ');
const ARABIC_SYLLABLES = 'مر حب ا شك ر طل ب ال تو صي ل فا تو رة عن وا ن مس اع دة'.split(' ');
const HINDI_SYLLABLES = 'नम स्ते ध न्य वा द ऑर् डर पै सा वा प सी डि ली व री ग्रा हक'.split(' ');
const HIRAGANA =
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ';
const KATAKANA =
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー';
/** Common CJK characters plus the whole CJK block for the rare tail. */
const HAN_COMMON =
  '的一是不了人我在有他这中大来上个国和也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知很最问机意物已第手点现长样力部度外间认实理本政因高通各海口产设色军使情少全重条者系关'.split(
    '',
  );
const EMOJI = [
  '🙂',
  '😂',
  '🥲',
  '👍',
  '👍🏽',
  '👩‍💻',
  '👨‍👩‍👧‍👦',
  '🇯🇵',
  '🇧🇷',
  '🏳️‍🌈',
  '❤️',
  '✅',
  '❌',
  '🚀',
  '📦',
  '🧾',
  '🤖',
  '🫠',
  '🧑🏿‍🔬',
  '☕',
];
/** Look like special tokens of some model; none is one of cl100k's or o200k's. */
const TOKEN_LOOKALIKES = [
  '<|user|>',
  '<|assistant|>',
  '<|system|>',
  '<|eot_id|>',
  '<|start_header_id|>',
  '[INST]',
  '[/INST]',
  '<s>',
  '</s>',
  '<|endoftext>',
  '<| endoftext |>',
  '<|im_start>',
  '<|fim_prefix>',
  '|endofprompt|',
  '<<SYS>>',
  '<|pad|>',
];
const KEYWORDS = {
  js: [
    'const',
    'let',
    'function',
    'return',
    'await',
    'async',
    'if',
    'else',
    'for',
    'of',
    'new',
    'throw',
  ],
  py: [
    'def',
    'return',
    'import',
    'from',
    'class',
    'self',
    'if',
    'elif',
    'else',
    'for',
    'in',
    'with',
    'yield',
  ],
  sql: [
    'SELECT',
    'FROM',
    'WHERE',
    'JOIN',
    'ON',
    'GROUP BY',
    'ORDER BY',
    'LIMIT',
    'INSERT INTO',
    'VALUES',
  ],
};

interface Language {
  name: string;
  word: (random: Random) => string;
  /** Joins words: a space, or nothing for scripts written without spaces. */
  separator: string;
  stop: string;
}

function languages(): Language[] {
  const random = seededRandom(2024);
  const latin = vocabulary(random, LATIN_SYLLABLES, 120_000);
  const german = vocabulary(random, [...GERMAN_SYLLABLES, ...LATIN_SYLLABLES], 30_000);
  const french = vocabulary(random, [...FRENCH_SYLLABLES, ...LATIN_SYLLABLES], 30_000);
  const spanish = vocabulary(random, [...SPANISH_SYLLABLES, ...LATIN_SYLLABLES], 30_000);
  const russian = vocabulary(random, CYRILLIC_SYLLABLES, 40_000);
  const arabic = vocabulary(random, ARABIC_SYLLABLES, 30_000);
  const hindi = vocabulary(random, HINDI_SYLLABLES, 30_000);
  const hanWord = (r: Random) => {
    let word = '';
    for (let n = int(r, 1, 3); n > 0; n--)
      word +=
        r() < 0.8 ? pick(r, HAN_COMMON) : String.fromCodePoint(0x4e00 + Math.floor(r() * 0x51a0)); // the rare tail
    return word;
  };
  const kana = (r: Random) => {
    let word = '';
    const set = r() < 0.6 ? HIRAGANA : KATAKANA;
    for (let n = int(r, 1, 5); n > 0; n--) word += set[Math.floor(r() * set.length)];
    return r() < 0.4 ? hanWord(r) + word : word;
  };
  const hangul = (r: Random) => {
    let word = '';
    for (let n = int(r, 1, 4); n > 0; n--)
      word += String.fromCodePoint(0xac00 + Math.floor(r() * 11172));
    return word;
  };
  const englishWord = (r: Random) => {
    const word = r() < 0.55 ? pick(r, ENGLISH_COMMON) : zipf(r, latin);
    return r() < 0.04 ? String(Math.floor(r() * 1e6)) : word;
  };
  return [
    { name: 'english', word: englishWord, separator: ' ', stop: '.' },
    { name: 'chinese', word: hanWord, separator: '', stop: '。' },
    { name: 'japanese', word: kana, separator: '', stop: '。' },
    { name: 'korean', word: hangul, separator: ' ', stop: '.' },
    { name: 'russian', word: (r) => zipf(r, russian), separator: ' ', stop: '.' },
    { name: 'arabic', word: (r) => zipf(r, arabic), separator: ' ', stop: '.' },
    { name: 'hindi', word: (r) => zipf(r, hindi), separator: ' ', stop: '।' },
    { name: 'german', word: (r) => zipf(r, german), separator: ' ', stop: '.' },
    { name: 'french', word: (r) => zipf(r, french), separator: ' ', stop: '.' },
    { name: 'spanish', word: (r) => zipf(r, spanish), separator: ' ', stop: '.' },
  ];
}

/** Shares of the languages: English most, then Chinese, the rest a few percent each. */
const LANGUAGE_WEIGHTS = [0.5, 0.15, 0.06, 0.04, 0.06, 0.04, 0.03, 0.05, 0.04, 0.03];

export class RealisticText {
  readonly #languages = languages();
  readonly #identifiers: string[];

  constructor() {
    const random = seededRandom(77);
    this.#identifiers = vocabulary(random, LATIN_SYLLABLES, 20_000, '_');
  }

  #language(random: Random): Language {
    let roll = random();
    for (let i = 0; i < LANGUAGE_WEIGHTS.length; i++) {
      roll -= LANGUAGE_WEIGHTS[i] as number;
      if (roll < 0) return this.#languages[i] as Language;
    }
    return this.#languages[0] as Language;
  }

  sentence(random: Random, language = this.#language(random)): string {
    const words: string[] = [];
    for (let n = int(random, 4, 22); n > 0; n--) {
      let word = language.word(random);
      const roll = random();
      if (roll < 0.02) word = pick(random, EMOJI);
      else if (roll < 0.025) word = pick(random, TOKEN_LOOKALIKES);
      else if (roll < 0.04) word = `${word},`;
      words.push(word);
    }
    const first = words[0] ?? '';
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return words.join(language.separator) + (random() < 0.15 ? '?' : language.stop);
  }

  code(random: Random): string {
    const id = () => zipf(random, this.#identifiers);
    const kind = random();
    const lines: string[] = [];
    if (kind < 0.4) {
      lines.push(`${pick(random, ['async function', 'function'])} ${id()}(${id()}, ${id()}) {`);
      for (let n = int(random, 1, 8); n > 0; n--)
        lines.push(
          `  ${pick(random, KEYWORDS.js)} ${id()} = ${id()}.${id()}(${random() < 0.5 ? `"${id()}"` : int(random, 0, 9999)});`,
        );
      lines.push('}');
    } else if (kind < 0.7) {
      lines.push(
        `def ${id()}(${id()}: ${pick(random, ['str', 'int', 'dict', 'list[str]'])}) -> None:`,
      );
      for (let n = int(random, 1, 8); n > 0; n--)
        lines.push(
          `    ${pick(random, KEYWORDS.py)} ${id()} = ${id()}[${int(random, 0, 99)}]  # ${id()}`,
        );
    } else if (kind < 0.85) {
      lines.push(
        `${KEYWORDS.sql[0]} ${id()}, ${id()} FROM ${id()} WHERE ${id()} = $1 ${pick(random, ['ORDER BY', 'GROUP BY'])} ${id()} LIMIT ${int(random, 1, 500)};`,
      );
    } else {
      lines.push(
        JSON.stringify(
          { [id()]: int(random, 0, 1e6), [id()]: [id(), id()], nested: { [id()]: random() < 0.5 } },
          null,
          2,
        ),
      );
    }
    return `\`\`\`${kind < 0.4 ? 'ts' : kind < 0.7 ? 'python' : kind < 0.85 ? 'sql' : 'json'}\n${lines.join('\n')}\n\`\`\``;
  }

  /** A message body of about `sentences` sentences, one language mostly, code now and then. */
  paragraph(random: Random, sentences: number): string {
    const language = this.#language(random);
    const parts: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const roll = random();
      if (roll < 0.08) parts.push(this.code(random));
      else if (roll < 0.2)
        parts.push(this.sentence(random)); // switches language
      else parts.push(this.sentence(random, language));
    }
    return parts.join(random() < 0.2 ? '\n\n' : ' ');
  }
}

/** A sentence count drawn log-normally: mostly short messages, a long tail of long ones. */
function sentences(random: Random, median: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(1, Math.min(400, Math.round(median * Math.exp(normal * 0.9))));
}

/**
 * Writes about `bytes` bytes of the realistic corpus to `path` (streamed: memory stays small
 * whatever the size). The same seed gives the same file.
 *
 * @example
 * await writeRealisticDataset('/tmp/realistic.jsonl', 50e6);
 */
export async function writeRealisticDataset(
  path: string,
  bytes: number,
  seed = 1,
): Promise<{ examples: number; bytes: number }> {
  const random = seededRandom(seed);
  const text = new RealisticText();
  const sharedPrompts = [0, 1, 2, 3].map((i) => text.paragraph(seededRandom(500 + i), 30));
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let written = 0;
  let examples = 0;
  while (written < bytes) {
    const messages: unknown[] = [];
    const system = random();
    if (system < 0.5)
      messages.push({ role: 'system', content: text.paragraph(random, sentences(random, 3)) });
    else if (system < 0.75) messages.push({ role: 'system', content: pick(random, sharedPrompts) });
    for (let turn = int(random, 1, 4); turn > 0; turn--) {
      messages.push({ role: 'user', content: text.paragraph(random, sentences(random, 2)) });
      messages.push({ role: 'assistant', content: text.paragraph(random, sentences(random, 5)) });
    }
    const line = `${JSON.stringify({ messages })}\n`;
    written += Buffer.byteLength(line);
    examples++;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { examples, bytes: written };
}
