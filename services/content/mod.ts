/**
 * The content feature's public entry: everything outside services/content/
 * imports from here. Blog posts (with drafts and images), FAQ entries,
 * contact messages and site feedback, and their retention purges.
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
  POST_STATUSES,
  type PostRecord,
  postRecordSchema,
  POSTS_BY_DATE_PREFIX,
  type PostStatus,
  preparePost,
  readingMinutesFor,
  stagePostWrite,
} from "./blog.ts";
export { renderMarkdown } from "./markdown.ts";
export {
  createBlogPost,
  deleteBlogPost,
  getPostRecord,
  listAllPosts,
  migrateBlogPosts,
  type PostDraft,
  postDraftSchema,
  updateBlogPost,
} from "./blog_admin.ts";
export {
  addImageToPost,
  BLOG_IMAGE_TYPES,
  type BlogImage,
  blogImageMarkdown,
  getBlogImage,
  MAX_BLOG_IMAGE_BYTES,
  uploadBlogImage,
} from "./blog_images.ts";
export { migrateBlogImages } from "./blog_image_migration.ts";
export {
  BLOG_IMAGE_SIZES,
  blogShareImageUrl,
  type ResponsiveImage,
  responsiveImage,
} from "./blog_image_names.ts";
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
export {
  createFaqEntry,
  deleteFaqEntry,
  FAQ_SECTIONS,
  FAQ_TOKENS,
  faqBySection,
  type FaqEntry,
  faqEntrySchema,
  type FaqInput,
  faqInputSchema,
  type FaqSectionId,
  type FaqToken,
  fillFaqTokens,
  listFaqEntries,
  moveFaqEntry,
  updateFaqEntry,
} from "./faq.ts";
