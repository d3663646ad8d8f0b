// The community site's entry: defines <tribune-app>, which takes over the server-rendered page.
import './tribune-app/define.js'
