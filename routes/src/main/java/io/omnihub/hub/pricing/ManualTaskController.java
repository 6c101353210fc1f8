package io.omnihub.hub.pricing;

import static io.omnihub.hub.pricing.PricingFields.*;

import io.omnihub.hub.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual tasks promotions leave for a person ({@code /api/tasks}): a channel without a price
 * API is set up and taken down by hand, and the task marked done here.
 */
@RestController
@RequestMapping("/api")
public class ManualTaskController {

    private final ManualTasks tasks;

    public ManualTaskController(ManualTasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/tasks")
    public List<Map<String, Object>> tasks(@RequestParam(defaultValue = "OPEN") ManualTaskState state) {
        return tasks.inState(state);
    }

    @PostMapping("/tasks/{id}/done")
    public ResponseEntity<Void> taskDone(@PathVariable long id) {
        if (!tasks.done(id)) {
            throw ApiProblem.notFound("No open task", "No open task " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
