import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Router, RouterAdmin } from "../../src/gen/beamline/flow/v1/flow_pb.js";
import { createCors } from "./cors.js";
import { createFaultInterceptor, type FaultInterceptorOptions } from "./faults/interceptor.js";
import { sendJson, sendText, type NodeRequest, type NodeResponse } from "./http-types.js";
import { createErrorLogInterceptor } from "./log-errors.js";
import type { Logger } from "./logger.js";
import type { RouterBackend } from "./router/service.js";
import type { StaticHandler } from "./static-files.js";

export interface AppOptions {
  readonly backend: RouterBackend;
  readonly staticFiles?: StaticHandler;
  readonly corsOrigins: readonly string[];
  readonly faults?: FaultInterceptorOptions;
  readonly logger: Logger;
  /** Aborting it ends in-flight calls (and their injected latency) on shutdown. */
  readonly shutdownSignal: AbortSignal;
}

/** The Router's messages are small; this stops a huge body early. */
const READ_MAX_BYTES = 1024 * 1024;

/**
 * Every request on the port, whether it arrived over HTTP/1.1 or HTTP/2:
 * CORS preflights, /healthz, the RPCs (Connect, gRPC-Web and gRPC), then
 * the static site or a plain 404.
 */
export function createApp(options: AppOptions): (req: NodeRequest, res: NodeResponse) => void {
  const { logger } = options;
  const answerCors = createCors(options.corsOrigins);

  const fail = (res: NodeResponse, error: unknown) => {
    logger.error("request failed", error);
    if (res.headersSent) {
      res.destroy();
    } else {
      sendText(res, 500, "Internal Server Error");
    }
  };
  const staticFiles = options.staticFiles;
  const fallback = staticFiles
    ? (req: NodeRequest, res: NodeResponse) => void staticFiles(req, res).catch((error) => fail(res, error))
    : (_req: NodeRequest, res: NodeResponse) => sendText(res, 404, "Not Found");

  const rpc = connectNodeAdapter({
    routes: (router) => {
      router.service(Router, options.backend.router);
      router.service(RouterAdmin, options.backend.admin);
    },
    connect: true,
    grpcWeb: true,
    grpc: true,
    // The first interceptor is the outermost: it also sees faults' errors.
    interceptors: [createErrorLogInterceptor(logger), createFaultInterceptor(options.faults)],
    shutdownSignal: options.shutdownSignal,
    readMaxBytes: READ_MAX_BYTES,
    fallback,
  });

  return (req, res) => {
    try {
      if (answerCors(req, res)) {
        return;
      }
      if ((req.url ?? "").split("?", 1)[0] === "/healthz") {
        sendJson(res, 200, { status: "ok" });
        return;
      }
      rpc(req, res);
    } catch (error) {
      fail(res, error);
    }
  };
}
