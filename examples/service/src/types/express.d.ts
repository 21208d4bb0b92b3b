// The example runs without installing Express; these are the parts of its types the routes use.
declare module 'express' {
  export interface Request {
    params: Record<string, string>;
  }
  export interface Response {
    status(code: number): Response;
    end(): Response;
    json(body: unknown): Response;
    type(contentType: string): Response;
    send(body: string): Response;
    setHeader(name: string, value: string): Response;
    write(chunk: string): boolean;
  }
  export type Handler = (req: Request, res: Response) => unknown;
  export interface Router {
    get(path: string, ...handlers: Handler[]): Router;
    post(path: string, ...handlers: Handler[]): Router;
  }
  const express: { Router(): Router };
  export default express;
}
