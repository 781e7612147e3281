/* global window */
// Runtime configuration of the Tracklore web app. Whoever serves these static files may replace
// this file, e.g. with: window.__TRACKLORE_CONFIG__ = { routerUrl: "https://api.example.com/graphql" };
// Left empty, the app uses the VITE_ROUTER_URL it was built with (default http://127.0.0.1:4000/graphql).
window.__TRACKLORE_CONFIG__ = window.__TRACKLORE_CONFIG__ || {};
