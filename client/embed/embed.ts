// The embed brand pages load: <script type="module" src="PUBLIC_URL/embed.js"></script>.
export {}
