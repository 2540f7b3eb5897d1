/**
 * A deterministic generator of plausible experts, for benchmarks and for
 * trying the UI with thousands of profiles. Same count and seed, same output.
 */
import type { ExpertInput } from "@/services/experts/mod.ts";
import type { Currency } from "@/services/platform/money.ts";
import { seededRandom } from "@/services/platform/random.ts";

const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chiara",
  "Dev",
  "Elena",
  "Farid",
  "Gabriela",
  "Hiro",
  "Isla",
  "Jae",
  "Kofi",
  "Lena",
  "Mohammed",
  "Nora",
  "Omar",
  "Paula",
  "Quentin",
  "Rosa",
  "Sven",
  "Tara",
  "Umar",
  "Vera",
  "Wen",
  "Ximena",
  "Yara",
  "Zoltán",
  "Aditi",
  "Bruno",
  "Chinedu",
  "Dana",
  "Émile",
  "Freya",
  "Gustavo",
  "Hana",
  "Ivan",
  "Jasmine",
  "Kai",
  "Lucas",
  "Mariam",
  "Niko",
];

const LAST_NAMES = [
  "Almeida",
  "Banerjee",
  "Castillo",
  "Dimitrov",
  "Eriksen",
  "Fujita",
  "García",
  "Haddad",
  "Ivanova",
  "Jensen",
  "Kim",
  "López",
  "Müller",
  "Nakamura",
  "Ochoa",
  "Patel",
  "Quinn",
  "Rossi",
  "Schmidt",
  "Takahashi",
  "Usman",
  "Varga",
  "Wójcik",
  "Xu",
  "Yilmaz",
  "Zhang",
  "Andersson",
  "Bello",
  "Costa",
  "Dubois",
  "Evans",
  "Fischer",
  "Gómez",
  "Horvat",
  "Ibrahim",
  "Johansson",
];

const PLACES: [
  location: string,
  timeZone: string,
  languages: string[],
  currency: Currency,
][] = [
  ["New York, United States", "America/New_York", ["en"], "USD"],
  ["Chicago, United States", "America/Chicago", ["en", "es"], "USD"],
  ["Los Angeles, United States", "America/Los_Angeles", ["en"], "USD"],
  ["Toronto, Canada", "America/Toronto", ["en", "fr"], "CAD"],
  ["London, United Kingdom", "Europe/London", ["en"], "GBP"],
  ["Berlin, Germany", "Europe/Berlin", ["de", "en"], "EUR"],
  ["Paris, France", "Europe/Paris", ["fr", "en"], "EUR"],
  ["Lisbon, Portugal", "Europe/Lisbon", ["pt", "en"], "EUR"],
  ["Madrid, Spain", "Europe/Madrid", ["es", "en"], "EUR"],
  ["Bengaluru, India", "Asia/Kolkata", ["en", "hi"], "INR"],
  ["Sydney, Australia", "Australia/Sydney", ["en"], "AUD"],
  ["Tokyo, Japan", "Asia/Tokyo", ["ja", "en"], "USD"],
  ["São Paulo, Brazil", "America/Sao_Paulo", ["pt", "es"], "USD"],
  ["Nairobi, Kenya", "Africa/Nairobi", ["en", "sw"], "USD"],
  ["Singapore", "Asia/Singapore", ["en", "zh"], "USD"],
];

/** Top-level category → [subcategory ids, skills, headline subjects]. */
const AREAS: Record<string, [string[], string[], string[]]> = {
  "software-engineering": [
    [
      "web-development",
      "mobile-development",
      "devops-cloud",
      "system-design",
      "security",
    ],
    [
      "TypeScript",
      "React",
      "Go",
      "Python",
      "Kubernetes",
      "AWS",
      "PostgreSQL",
      "Rust",
      "Swift",
      "Kotlin",
    ],
    [
      "web engineer",
      "backend engineer",
      "cloud architect",
      "mobile developer",
      "security engineer",
    ],
  ],
  "data-ai": [
    ["machine-learning", "data-engineering", "analytics", "llm-applications"],
    [
      "Python",
      "SQL",
      "PyTorch",
      "dbt",
      "Spark",
      "LLMs",
      "Statistics",
      "Airflow",
    ],
    ["data scientist", "ML engineer", "analytics lead", "data engineer"],
  ],
  design: [
    ["ux-research", "product-design", "branding", "illustration"],
    [
      "Figma",
      "User research",
      "Prototyping",
      "Design systems",
      "Typography",
      "Illustration",
    ],
    ["product designer", "UX researcher", "brand designer", "illustrator"],
  ],
  "product-management": [
    ["product-strategy", "product-discovery", "growth-product"],
    [
      "Roadmapping",
      "Discovery",
      "OKRs",
      "Experimentation",
      "Pricing",
      "Stakeholder management",
    ],
    ["product manager", "head of product", "growth PM"],
  ],
  marketing: [
    ["seo", "content-marketing", "paid-acquisition", "social-media"],
    [
      "SEO",
      "Copywriting",
      "Google Ads",
      "Meta Ads",
      "Newsletters",
      "Analytics",
    ],
    ["growth marketer", "SEO consultant", "content strategist"],
  ],
  "career-coaching": [
    ["interview-prep", "resume-linkedin", "leadership", "career-change"],
    [
      "Mock interviews",
      "Résumé writing",
      "Leadership",
      "Negotiation",
      "LinkedIn",
    ],
    ["career coach", "leadership coach", "interview coach"],
  ],
  languages: [
    ["english", "spanish", "japanese", "french"],
    [
      "Conversation",
      "Grammar",
      "Exam preparation",
      "Pronunciation",
      "Business vocabulary",
    ],
    ["language teacher", "conversation tutor"],
  ],
  music: [
    ["guitar", "piano", "music-production", "singing"],
    [
      "Music theory",
      "Ear training",
      "Ableton Live",
      "Technique",
      "Improvisation",
    ],
    ["music teacher", "producer", "session musician"],
  ],
};

const AREA_IDS = Object.keys(AREAS);

const ADJECTIVES = [
  "Experienced",
  "Practical",
  "Friendly",
  "Senior",
  "Hands-on",
  "Patient",
];

/**
 * `count` varied, realistic-looking experts, identical for the same `seed`.
 * They reference the demo categories, which must exist before they are saved.
 */
export function generateExperts(count: number, seed = 1): ExpertInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)];
  const between = (low: number, high: number) =>
    low + Math.floor(random() * (high - low + 1));
  // A partial Fisher–Yates shuffle: the first n items are a random sample.
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items];
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };

  const experts: ExpertInput[] = [];
  for (let i = 0; i < count; i++) {
    const area = pick(AREA_IDS);
    const [subcategories, skills, roles] = AREAS[area];
    const [location, timeZone, languages, currency] = pick(PLACES);
    const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    const role = pick(roles);
    const years = between(2, 30);
    const chosenSkills = sample(skills, between(3, Math.min(6, skills.length)));
    // Rates in major units, scaled so INR prices look like INR prices.
    const major = between(25, 400) * (currency === "INR" ? 80 : 1);
    experts.push({
      name,
      headline: `${pick(ADJECTIVES)} ${role} with ${years} years of experience`,
      bio:
        `I am a ${role} based in ${location}. I help people with ${
          chosenSkills.slice(0, 2).join(" and ")
        }, ` +
        `and I like sessions that end with a clear next step.`,
      photoUrl: null,
      categoryIds: [pick(subcategories)],
      skills: chosenSkills,
      languages,
      yearsExperience: years,
      hourlyRate: { amountMinor: major * 100, currency },
      // The seed writes this many real reviews: kept small, as thousands
      // of generated experts each get theirs.
      rating: {
        average: Math.round((3.8 + random() * 1.2) * 10) / 10,
        count: between(0, 12),
      },
      location,
      timeZone,
      published: random() > 0.05,
    });
  }
  return experts;
}
