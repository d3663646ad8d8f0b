import { LoginPage, RegisterPage } from './account-pages.js'
import { ProfilePage, SearchPage } from './browse-pages.js'
import { CategoryPage, HomePage, NewTopicPage, NotFoundPage } from './forum-pages.js'
import { SettingsPage } from './settings-page.js'
import { TopicPage } from './topic-page.js'
// The moderation screens, the charter page and the crisis banner register themselves.
import '../moderation/define.js'

const pages: [string, CustomElementConstructor][] = [
  ['tribune-home-page', HomePage],
  ['tribune-category-page', CategoryPage],
  ['tribune-new-topic-page', NewTopicPage],
  ['tribune-topic-page', TopicPage],
  ['tribune-search-page', SearchPage],
  ['tribune-profile-page', ProfilePage],
  ['tribune-login-page', LoginPage],
  ['tribune-register-page', RegisterPage],
  ['tribune-settings-page', SettingsPage],
  ['tribune-not-found-page', NotFoundPage],
]
for (const [tag, cls] of pages) customElements.get(tag) ?? customElements.define(tag, cls)
