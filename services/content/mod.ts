/**
 * The content feature's public entry: everything outside services/content/
 * imports from here. Blog posts, contact messages and site feedback.
 */
export {
  type BlogPost,
  type BlogPostInput,
  blogPostInputSchema,
  blogPostSchema,
  createPost,
  getPost,
  listPosts,
  POST_PREFIX,
  POSTS_BY_DATE_PREFIX,
  preparePost,
  readingMinutesFor,
  renderMarkdown,
  stagePostWrite,
} from "./blog.ts";
export {
  CONTACT_PREFIX,
  type ContactInput,
  contactInputSchema,
  type ContactMessage,
  contactMessageSchema,
  listContactMessages,
  saveContactMessage,
} from "./contact.ts";
export {
  type Feedback,
  FEEDBACK_PREFIX,
  type FeedbackInput,
  feedbackInputSchema,
  feedbackSchema,
  feedbackSummary,
  listFeedback,
  saveFeedback,
  stageFeedbackRemoval,
} from "./feedback.ts";
export {
  idFloor,
  purgeContactAndFeedbackBefore,
  purgeContactMessagesBefore,
  purgeFeedbackBefore,
  purgeUlidKeysBefore,
} from "./retention.ts";
