/**
 * The categories feature's public entry: everything outside
 * services/categories/ imports from here.
 */
export {
  type Category,
  CATEGORY_ICONS,
  type CategoryChanges,
  categoryChangesSchema,
  type CategoryIconName,
  categoryIconSchema,
  type CategoryInput,
  categoryInputSchema,
  categorySchema,
  categorySlugSchema,
  type CategoryWithChildren,
  categoryWithChildrenSchema,
  DEFAULT_CATEGORY_ICON,
  storedCategorySchema,
} from "./model.ts";
export {
  activeCategoryIds,
  CATEGORY_PREFIX,
  categoryParents,
  createCategory,
  getCategory,
  listCategories,
  listCategoryIds,
  prepareCategory,
  reorderCategories,
  setCategoryRetired,
  stageCategoryWrite,
  updateCategory,
} from "./store.ts";
