import type { Category, Post, Topic, User } from './api.js'
import { type Html, html, raw, textOf } from './html.js'
import { formatDate, formatDay } from './i18n.js'
import { crumbs, type PageContext, page } from './layout.js'

const time = (ctx: PageContext, iso: string) =>
  html`<time datetime="${iso}">${formatDate(iso, ctx.lang, ctx.me?.timeZone)}</time>`

function topicList(ctx: PageContext, topics: Topic[], categories: Map<number, Category>): Html {
  if (topics.length === 0) return html`<p class="empty">${ctx.t.noTopics}</p>`
  return html`<ol class="topic-list">
${topics.map((topic) => {
  const category = categories.get(topic.categoryId)
  const replies = Math.max(0, topic.postCount - 1)
  return html`<li class="topic-row">
  <a class="topic-title" href="${topic.url}">${topic.title}</a>
  <p class="meta">${
    topic.author ? html`${ctx.t.by} <a href="/u/${topic.author.handle}">${topic.author.displayName}</a> ` : ''
  }${category ? html`${ctx.t.in} <a href="/c/${category.slug}">${category.name}</a> · ` : ''}${ctx.t.replies(replies)} · ${ctx.t.lastActivity} ${time(ctx, topic.lastPostAt)}</p>
</li>`
})}
</ol>`
}

export function homePage(ctx: PageContext, categories: Category[], latest: Topic[]): string {
  const { t } = ctx
  const byId = new Map(categories.map((c) => [c.id, c]))
  const body = html`<h1>${ctx.site.name}</h1>
${ctx.site.description ? html`<p class="lede">${ctx.site.description}</p>` : ''}
<section aria-labelledby="categories-heading">
<h2 id="categories-heading">${t.categories}</h2>
${
  categories.length === 0
    ? html`<p class="empty">${t.noCategories}</p>`
    : html`<ul class="category-list">
${categories.map(
  (c) => html`<li class="category-card">
  <a class="category-name" href="/c/${c.slug}">${c.name}</a>
  ${c.description ? html`<p>${c.description}</p>` : ''}
  ${c.topicCount !== undefined ? html`<p class="meta">${t.topics(c.topicCount)}</p>` : ''}
</li>`,
)}
</ul>`
}
</section>
<section aria-labelledby="latest-heading">
<h2 id="latest-heading">${t.latestTopics}</h2>
${topicList(ctx, latest, byId)}
</section>`
  return page(ctx, {
    title: ctx.site.name,
    description: ctx.site.description || t.homeDescription(ctx.site.name),
    canonical: '/',
    body,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: ctx.site.name,
      url: `${ctx.publicUrl}/`,
    },
  })
}

export function categoryPage(
  ctx: PageContext,
  category: Category,
  topics: Topic[],
  nextCursor: string | null,
): string {
  const body = html`${crumbs(ctx, [])}
<h1>${category.name}</h1>
${category.description ? html`<p class="lede">${category.description}</p>` : ''}
${topicList(ctx, topics, new Map())}
${nextCursor ? html`<p class="pager"><a rel="next" href="/c/${category.slug}?cursor=${nextCursor}">${ctx.t.next}</a></p>` : ''}`
  return page(ctx, {
    title: category.name,
    description: category.description || ctx.t.categoryDescription(category.name, ctx.site.name),
    body,
  })
}

export function topicPage(
  ctx: PageContext,
  topic: Topic,
  category: Category | undefined,
  posts: Post[],
  nextCursor: number | null,
  firstPage: boolean,
): string {
  const { t } = ctx
  const numbers = new Map(posts.map((p) => [p.id, p]))
  const body = html`${crumbs(ctx, category ? [{ href: `/c/${category.slug}`, label: category.name }] : [])}
<h1>${topic.title}</h1>
<ol class="posts">
${posts.map((post) => {
  const parent = post.replyToId ? numbers.get(post.replyToId) : undefined
  return html`<li class="post" id="post-${post.id}">
  <article>
    <header class="post-header">
      <a class="author" href="/u/${post.author.handle}">${post.author.displayName}</a>
      <span class="handle">@${post.author.handle}</span>
      <a class="permalink" href="#post-${post.id}">${time(ctx, post.createdAt)}</a>
    </header>
    ${parent ? html`<p class="reply-to">${t.inReplyTo} <a href="#post-${parent.id}">${parent.author.displayName}</a></p>` : ''}
    ${post.deleted ? html`<p class="deleted">${t.deletedPost}</p>` : html`<div class="post-body">${raw(post.html)}</div>`}
  </article>
</li>`
})}
</ol>
${nextCursor ? html`<p class="pager"><a rel="next" href="${topic.url}?after=${nextCursor}">${t.later}</a></p>` : ''}`
  const first = firstPage ? posts[0] : undefined
  const description = first && !first.deleted ? textOf(first.html, 160) : topic.title
  const url = `${ctx.publicUrl}${topic.url}`
  const person = (a: Post['author']) => ({
    '@type': 'Person',
    name: a.displayName,
    url: `${ctx.publicUrl}/u/${a.handle}`,
  })
  return page(ctx, {
    title: topic.title,
    description,
    canonical: firstPage ? topic.url : null,
    ogType: 'article',
    body,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'DiscussionForumPosting',
      headline: topic.title,
      url,
      datePublished: topic.createdAt,
      ...(first ? { author: person(first.author), text: textOf(first.html, 5000) } : {}),
      ...(category ? { articleSection: category.name } : {}),
      interactionStatistic: {
        '@type': 'InteractionCounter',
        interactionType: 'https://schema.org/CommentAction',
        userInteractionCount: Math.max(0, topic.postCount - 1),
      },
      comment: posts
        .filter((p) => p !== first && !p.deleted)
        .map((p) => ({
          '@type': 'Comment',
          url: `${url}#post-${p.id}`,
          datePublished: p.createdAt,
          author: person(p.author),
          text: textOf(p.html, 5000),
        })),
    },
  })
}

export function profilePage(ctx: PageContext, user: User): string {
  const { t } = ctx
  const body = html`<div class="profile">
<h1>${user.displayName}</h1>
<p class="handle">@${user.handle}</p>
<ul class="facts">
  <li class="badge">${t.roles[user.role] ?? user.role}</li>
  <li>${t.posts(user.postCount)}</li>
  <li>${t.memberSince} ${formatDay(user.createdAt, ctx.lang)}</li>
</ul>
</div>`
  return page(ctx, {
    title: `${user.displayName} (@${user.handle})`,
    description: t.profileDescription(user.displayName, ctx.site.name),
    ogType: 'profile',
    body,
  })
}

export function notFoundPage(ctx: PageContext): string {
  const { t } = ctx
  return page(ctx, {
    title: t.notFoundTitle,
    description: t.notFoundText,
    canonical: null,
    body: html`<h1>${t.notFoundTitle}</h1>
<p>${t.notFoundText}</p>
<p><a href="/">${t.backHome}</a></p>`,
  })
}
