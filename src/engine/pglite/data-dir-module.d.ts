// vite-data-dir.ts serves it: the URL of a fresh PostgreSQL's data directory (a .tar.gz).
declare module 'adapter-lab:pglite-data-dir?url' {
  const url: string;
  export default url;
}
