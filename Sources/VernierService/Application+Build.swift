import Hummingbird
import Logging
import VernierStore

/// The service's router: every route, with metrics, JSON errors and token checks in front.
public func buildRouter(_ configuration: ServiceConfiguration, store: Store,
                        metrics: ServiceMetrics = ServiceMetrics()) -> Router<ServiceContext> {
    let router = Router(context: ServiceContext.self)
    if configuration.accessLog { router.add(middleware: AccessLogMiddleware()) }
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    let routes = RouteTable()
    router.add(middleware: ErrorMiddleware(routes: routes))
    router.add(middleware: TokenAuthenticator(store: store, openReads: configuration.openReads))
    let access = StoreAccess(store: store)
    let cache = PredictorCache()
    SystemController(access: access, metrics: metrics).addRoutes(to: router)
    UIController().addRoutes(to: router)
    let v1 = router.group("v1")
    DevicesController(access: access, cache: cache, configuration: configuration).addRoutes(to: v1.group("devices"))
    LUTController(access: access).addRoutes(to: v1.group("devices"))
    CoverageController(access: access).addRoutes(to: v1.group("devices"))
    RooflinePlotController(access: access).addRoutes(to: v1.group("devices"))
    CalibrationsController(access: access, configuration: configuration).addRoutes(to: v1.group("devices"))
    CalibrationController(access: access, configuration: configuration).addRoutes(to: v1.group("devices"))
    let predict = PredictController(access: access, configuration: configuration, metrics: metrics, cache: cache)
    predict.addRoutes(to: v1.group("predict"))
    SearchController(access: access, predict: predict, configuration: configuration, jobs: SearchJobs())
        .addRoutes(to: v1.group("search"))
    JobsController(access: access, configuration: configuration, cache: cache).addRoutes(to: v1.group("jobs"))
    for route in router.routes { routes.add(path: route.path.description, method: route.method.rawValue) }
    return router
}

/// The whole service (`vernier serve`): ``buildRouter(_:store:metrics:)`` on an HTTP server.
public func buildApplication(_ configuration: ServiceConfiguration, store: Store,
                             logger: Logger = Logger(label: "vernier.serve")) -> some ApplicationProtocol {
    Application(router: buildRouter(configuration, store: store),
                configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "vernier"),
                logger: logger)
}
