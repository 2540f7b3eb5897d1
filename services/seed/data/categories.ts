/** The demo category tree: twelve areas, each with a few subcategories. */
import type { CategoryInput } from "@/services/categories/mod.ts";

interface CategoryTree {
  id: string;
  name: string;
  icon: string;
  description: string;
  subcategories: [
    id: string,
    name: string,
    icon: string,
    description: string,
  ][];
}

const TREE: CategoryTree[] = [
  {
    id: "software-engineering",
    name: "Software Engineering",
    icon: "💻",
    description:
      "Code reviews, architecture advice and pairing with working engineers.",
    subcategories: [
      [
        "web-development",
        "Web Development",
        "🌐",
        "Front-end, back-end and full-stack web work.",
      ],
      [
        "mobile-development",
        "Mobile Development",
        "📱",
        "iOS, Android and cross-platform apps.",
      ],
      [
        "devops-cloud",
        "DevOps & Cloud",
        "☁️",
        "CI/CD, infrastructure as code, AWS, GCP and Azure.",
      ],
      [
        "system-design",
        "System Design",
        "🏗️",
        "Scalable architecture and design interview practice.",
      ],
      [
        "security",
        "Security",
        "🔐",
        "Application security, threat modelling and audits.",
      ],
    ],
  },
  {
    id: "data-ai",
    name: "Data & AI",
    icon: "🤖",
    description:
      "Machine learning, analytics and putting language models to work.",
    subcategories: [
      [
        "machine-learning",
        "Machine Learning",
        "🧠",
        "Model building, evaluation and MLOps.",
      ],
      [
        "data-engineering",
        "Data Engineering",
        "🛢️",
        "Pipelines, warehouses and data quality.",
      ],
      [
        "analytics",
        "Analytics",
        "📈",
        "SQL, dashboards, experimentation and metrics.",
      ],
      [
        "llm-applications",
        "LLM Applications",
        "💬",
        "Retrieval, prompting and shipping AI features.",
      ],
    ],
  },
  {
    id: "design",
    name: "Design",
    icon: "🎨",
    description:
      "Portfolio reviews and hands-on help from product and brand designers.",
    subcategories: [
      [
        "ux-research",
        "UX Research",
        "🔎",
        "Interviews, usability tests and synthesis.",
      ],
      [
        "product-design",
        "Product Design",
        "✏️",
        "Interaction design, prototyping and design systems.",
      ],
      ["branding", "Branding", "🏷️", "Identity, naming and visual language."],
      [
        "illustration",
        "Illustration",
        "🖌️",
        "Digital illustration and visual storytelling.",
      ],
    ],
  },
  {
    id: "product-management",
    name: "Product Management",
    icon: "🧭",
    description:
      "Strategy, discovery and the craft of shipping the right thing.",
    subcategories: [
      [
        "product-strategy",
        "Product Strategy",
        "♟️",
        "Vision, positioning and prioritisation.",
      ],
      [
        "product-discovery",
        "Product Discovery",
        "🧪",
        "Finding problems worth solving.",
      ],
      [
        "growth-product",
        "Growth",
        "🌱",
        "Activation, retention and monetisation.",
      ],
    ],
  },
  {
    id: "marketing",
    name: "Marketing",
    icon: "📣",
    description: "Getting found, getting chosen and measuring what works.",
    subcategories: [
      [
        "seo",
        "SEO",
        "🔍",
        "Technical SEO, content strategy and link building.",
      ],
      [
        "content-marketing",
        "Content Marketing",
        "📝",
        "Editorial strategy, newsletters and copywriting.",
      ],
      [
        "paid-acquisition",
        "Paid Acquisition",
        "💸",
        "Search, social and performance campaigns.",
      ],
      [
        "social-media",
        "Social Media",
        "📱",
        "Community building and organic social.",
      ],
    ],
  },
  {
    id: "business-startups",
    name: "Business & Startups",
    icon: "🚀",
    description: "Founders and operators who have been there before.",
    subcategories: [
      [
        "fundraising",
        "Fundraising",
        "🤝",
        "Pitch decks, investor outreach and term sheets.",
      ],
      [
        "go-to-market",
        "Go-to-Market",
        "🗺️",
        "Launch plans, pricing and positioning.",
      ],
      [
        "operations",
        "Operations",
        "⚙️",
        "Processes, hiring plans and scaling a team.",
      ],
      ["sales", "Sales", "📞", "B2B sales process, outbound and closing."],
    ],
  },
  {
    id: "finance-accounting",
    name: "Finance & Accounting",
    icon: "📊",
    description: "Clear answers on money, for people and for companies.",
    subcategories: [
      [
        "personal-finance",
        "Personal Finance",
        "🏦",
        "Budgeting, saving and investing basics.",
      ],
      [
        "startup-finance",
        "Startup Finance",
        "📉",
        "Financial models, runway and board reporting.",
      ],
      ["tax", "Tax", "🧾", "Tax planning for freelancers and small companies."],
      [
        "bookkeeping",
        "Bookkeeping",
        "📒",
        "Setting up and keeping clean books.",
      ],
    ],
  },
  {
    id: "career-coaching",
    name: "Career Coaching",
    icon: "🎯",
    description: "Interviews, promotions, career changes and leading people.",
    subcategories: [
      [
        "interview-prep",
        "Interview Preparation",
        "🎤",
        "Mock interviews with honest feedback.",
      ],
      [
        "resume-linkedin",
        "Résumé & LinkedIn",
        "📄",
        "Stand out on paper and online.",
      ],
      [
        "leadership",
        "Leadership",
        "🧑‍🤝‍🧑",
        "First-time managers and senior leaders.",
      ],
      [
        "career-change",
        "Career Change",
        "🔀",
        "Moving into a new field with a plan.",
      ],
    ],
  },
  {
    id: "languages",
    name: "Languages",
    icon: "🗣️",
    description:
      "Conversation practice and structured lessons with native speakers.",
    subcategories: [
      ["english", "English", "🇬🇧", "Business English, exams and conversation."],
      ["spanish", "Spanish", "🇪🇸", "Spanish for travel, work and exams."],
      ["japanese", "Japanese", "🇯🇵", "From kana to business Japanese."],
      [
        "french",
        "French",
        "🇫🇷",
        "Conversation, grammar and DELF/DALF preparation.",
      ],
    ],
  },
  {
    id: "music",
    name: "Music",
    icon: "🎵",
    description:
      "Lessons and feedback from performing and recording musicians.",
    subcategories: [
      ["guitar", "Guitar", "🎸", "Acoustic, electric and classical guitar."],
      ["piano", "Piano", "🎹", "Technique, theory and repertoire."],
      [
        "music-production",
        "Music Production",
        "🎛️",
        "Recording, mixing and sound design.",
      ],
      ["singing", "Singing", "🎙️", "Vocal technique and performance."],
    ],
  },
  {
    id: "health-wellness",
    name: "Health & Wellness",
    icon: "🌿",
    description:
      "Qualified coaches for body and mind (not a substitute for medical care).",
    subcategories: [
      ["nutrition", "Nutrition", "🥗", "Evidence-based eating plans."],
      ["fitness", "Fitness", "🏋️", "Strength, mobility and training plans."],
      [
        "mental-wellbeing",
        "Mental Wellbeing",
        "🧘",
        "Stress, focus and mindfulness coaching.",
      ],
      ["sleep", "Sleep", "😴", "Better sleep habits and routines."],
    ],
  },
  {
    id: "law",
    name: "Law",
    icon: "⚖️",
    description: "Practical legal guidance from practising lawyers.",
    subcategories: [
      [
        "startup-law",
        "Startup Law",
        "📜",
        "Incorporation, cap tables and contracts.",
      ],
      [
        "intellectual-property",
        "Intellectual Property",
        "©️",
        "Trademarks, copyright and licensing.",
      ],
      ["immigration", "Immigration", "🛂", "Work visas and relocation."],
      [
        "employment-law",
        "Employment Law",
        "👔",
        "Contracts, disputes and workplace rights.",
      ],
    ],
  },
];

/** Every demo category, parents before their children. */
export const DEMO_CATEGORIES: CategoryInput[] = TREE.flatMap((
  parent,
  index,
) => [
  {
    id: parent.id,
    name: parent.name,
    icon: parent.icon,
    description: parent.description,
    parentId: null,
    order: index + 1,
  },
  ...parent.subcategories.map(([id, name, icon, description], childIndex) => ({
    id,
    name,
    icon,
    description,
    parentId: parent.id,
    order: childIndex + 1,
  })),
]);
