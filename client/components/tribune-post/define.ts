import { TribunePost } from './tribune-post.js'
import { TribuneReportDialog } from './tribune-report-dialog.js'

customElements.get('tribune-post') ?? customElements.define('tribune-post', TribunePost)
customElements.get('tribune-report-dialog') ??
  customElements.define('tribune-report-dialog', TribuneReportDialog)

declare global {
  interface HTMLElementTagNameMap {
    'tribune-post': TribunePost
    'tribune-report-dialog': TribuneReportDialog
  }
}
