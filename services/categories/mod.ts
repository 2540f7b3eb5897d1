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
  type CategoryActor,
  categoryParents,
  createCategory,
  getCategory,
  listCategories,
  listCategoryIds,
  prepareCategory,
  reorderCategories,
  setCategoryRetired,
  stageCategoryWrite,
  subcategoriesRetiredWith,
  updateCategory,
} from "./store.ts";
export { categoryChangeTimes } from "./changes.ts";
