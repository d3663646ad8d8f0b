import { TribuneReportDialog } from './report-dialog.js'
import { TribunePost } from './tribune-post.js'

customElements.get('tribune-post') ?? customElements.define('tribune-post', TribunePost)
customElements.get('tribune-report-dialog') ??
  customElements.define('tribune-report-dialog', TribuneReportDialog)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-post': TribunePost
    'tribune-report-dialog': TribuneReportDialog
  }
}
