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
    icon: "code",
    description:
      "Code reviews, architecture advice and pairing with working engineers.",
    subcategories: [
      [
        "web-development",
        "Web Development",
        "globe",
        "Front-end, back-end and full-stack web work.",
      ],
      [
        "mobile-development",
        "Mobile Development",
        "smartphone",
        "iOS, Android and cross-platform apps.",
      ],
      [
        "devops-cloud",
        "DevOps & Cloud",
        "cloud",
        "CI/CD, infrastructure as code, AWS, GCP and Azure.",
      ],
      [
        "system-design",
        "System Design",
        "building",
        "Scalable architecture and design interview practice.",
      ],
      [
        "security",
        "Security",
        "lock",
        "Application security, threat modelling and audits.",
      ],
    ],
  },
  {
    id: "data-ai",
    name: "Data & AI",
    icon: "bot",
    description:
      "Machine learning, analytics and putting language models to work.",
    subcategories: [
      [
        "machine-learning",
        "Machine Learning",
        "brain",
        "Model building, evaluation and MLOps.",
      ],
      [
        "data-engineering",
        "Data Engineering",
        "database",
        "Pipelines, warehouses and data quality.",
      ],
      [
        "analytics",
        "Analytics",
        "trending-up",
        "SQL, dashboards, experimentation and metrics.",
      ],
      [
        "llm-applications",
        "LLM Applications",
        "message-square",
        "Retrieval, prompting and shipping AI features.",
      ],
    ],
  },
  {
    id: "design",
    name: "Design",
    icon: "palette",
    description:
      "Portfolio reviews and hands-on help from product and brand designers.",
    subcategories: [
      [
        "ux-research",
        "UX Research",
        "search",
        "Interviews, usability tests and synthesis.",
      ],
      [
        "product-design",
        "Product Design",
        "pencil",
        "Interaction design, prototyping and design systems.",
      ],
      ["branding", "Branding", "tag", "Identity, naming and visual language."],
      [
        "illustration",
        "Illustration",
        "brush",
        "Digital illustration and visual storytelling.",
      ],
    ],
  },
  {
    id: "product-management",
    name: "Product Management",
    icon: "compass",
    description:
      "Strategy, discovery and the craft of shipping the right thing.",
    subcategories: [
      [
        "product-strategy",
        "Product Strategy",
        "puzzle",
        "Vision, positioning and prioritisation.",
      ],
      [
        "product-discovery",
        "Product Discovery",
        "flask-conical",
        "Finding problems worth solving.",
      ],
      [
        "growth-product",
        "Growth",
        "sprout",
        "Activation, retention and monetisation.",
      ],
    ],
  },
  {
    id: "marketing",
    name: "Marketing",
    icon: "megaphone",
    description: "Getting found, getting chosen and measuring what works.",
    subcategories: [
      [
        "seo",
        "SEO",
        "search",
        "Technical SEO, content strategy and link building.",
      ],
      [
        "content-marketing",
        "Content Marketing",
        "file-text",
        "Editorial strategy, newsletters and copywriting.",
      ],
      [
        "paid-acquisition",
        "Paid Acquisition",
        "banknote",
        "Search, social and performance campaigns.",
      ],
      [
        "social-media",
        "Social Media",
        "smartphone",
        "Community building and organic social.",
      ],
    ],
  },
  {
    id: "business-startups",
    name: "Business & Startups",
    icon: "rocket",
    description: "Founders and operators who have been there before.",
    subcategories: [
      [
        "fundraising",
        "Fundraising",
        "handshake",
        "Pitch decks, investor outreach and term sheets.",
      ],
      [
        "go-to-market",
        "Go-to-Market",
        "map",
        "Launch plans, pricing and positioning.",
      ],
      [
        "operations",
        "Operations",
        "settings",
        "Processes, hiring plans and scaling a team.",
      ],
      ["sales", "Sales", "phone", "B2B sales process, outbound and closing."],
    ],
  },
  {
    id: "finance-accounting",
    name: "Finance & Accounting",
    icon: "chart-column",
    description: "Clear answers on money, for people and for companies.",
    subcategories: [
      [
        "personal-finance",
        "Personal Finance",
        "landmark",
        "Budgeting, saving and investing basics.",
      ],
      [
        "startup-finance",
        "Startup Finance",
        "trending-down",
        "Financial models, runway and board reporting.",
      ],
      [
        "tax",
        "Tax",
        "receipt",
        "Tax planning for freelancers and small companies.",
      ],
      [
        "bookkeeping",
        "Bookkeeping",
        "notebook",
        "Setting up and keeping clean books.",
      ],
    ],
  },
  {
    id: "career-coaching",
    name: "Career Coaching",
    icon: "target",
    description: "Interviews, promotions, career changes and leading people.",
    subcategories: [
      [
        "interview-prep",
        "Interview Preparation",
        "mic",
        "Mock interviews with honest feedback.",
      ],
      [
        "resume-linkedin",
        "Résumé & LinkedIn",
        "file-text",
        "Stand out on paper and online.",
      ],
      [
        "leadership",
        "Leadership",
        "users",
        "First-time managers and senior leaders.",
      ],
      [
        "career-change",
        "Career Change",
        "shuffle",
        "Moving into a new field with a plan.",
      ],
    ],
  },
  {
    id: "languages",
    name: "Languages",
    icon: "languages",
    description:
      "Conversation practice and structured lessons with native speakers.",
    subcategories: [
      [
        "english",
        "English",
        "languages",
        "Business English, exams and conversation.",
      ],
      [
        "spanish",
        "Spanish",
        "languages",
        "Spanish for travel, work and exams.",
      ],
      ["japanese", "Japanese", "languages", "From kana to business Japanese."],
      [
        "french",
        "French",
        "languages",
        "Conversation, grammar and DELF/DALF preparation.",
      ],
    ],
  },
  {
    id: "music",
    name: "Music",
    icon: "music",
    description:
      "Lessons and feedback from performing and recording musicians.",
    subcategories: [
      [
        "guitar",
        "Guitar",
        "guitar",
        "Acoustic, electric and classical guitar.",
      ],
      ["piano", "Piano", "piano", "Technique, theory and repertoire."],
      [
        "music-production",
        "Music Production",
        "sliders-horizontal",
        "Recording, mixing and sound design.",
      ],
      ["singing", "Singing", "mic", "Vocal technique and performance."],
    ],
  },
  {
    id: "health-wellness",
    name: "Health & Wellness",
    icon: "leaf",
    description:
      "Qualified coaches for body and mind (not a substitute for medical care).",
    subcategories: [
      ["nutrition", "Nutrition", "salad", "Evidence-based eating plans."],
      [
        "fitness",
        "Fitness",
        "dumbbell",
        "Strength, mobility and training plans.",
      ],
      [
        "mental-wellbeing",
        "Mental Wellbeing",
        "heart-pulse",
        "Stress, focus and mindfulness coaching.",
      ],
      ["sleep", "Sleep", "moon", "Better sleep habits and routines."],
    ],
  },
  {
    id: "law",
    name: "Law",
    icon: "scale",
    description: "Practical legal guidance from practising lawyers.",
    subcategories: [
      [
        "startup-law",
        "Startup Law",
        "scroll",
        "Incorporation, cap tables and contracts.",
      ],
      [
        "intellectual-property",
        "Intellectual Property",
        "copyright",
        "Trademarks, copyright and licensing.",
      ],
      ["immigration", "Immigration", "plane", "Work visas and relocation."],
      [
        "employment-law",
        "Employment Law",
        "briefcase",
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
