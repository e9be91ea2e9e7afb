export default function Home() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>Pingboard</h1>
      <p>Self-hosted uptime monitoring.</p>
      <p>
        <a href="/api/docs">API documentation (OpenAPI)</a>
      </p>
    </main>
  );
}
